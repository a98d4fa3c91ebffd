import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BILLING_PERIODS,
  COMPONENT_ROLES,
  COMPONENT_TYPES,
  addCompetitorRow,
  addComponent,
  addOfferItem,
  createOffer,
  readOffers,
  removeCompetitorRow,
  removeComponent,
  removeOffer,
  removeOfferItem,
  renameOffer,
  resubmitOffer,
  reviseOffer,
  setBundlePrice,
  setOfferCurrency,
  setOfferDescription,
  setOfferSegment,
  updateCompetitorRow,
  updateComponent,
  updateOfferItem,
  type OfferList,
  type OfferView,
  type OfferStatus,
} from '../../domain';
import { formatRelative } from '../../i18n';
import { useErrorText } from '../../app/errorText';
import { usePlanView, useRunCommand } from '../../app/usePlan';
import { AddRowForm, AutoTextArea, Badge, Button, CommitInput, EmptyState, Field, IconButton, InlineAddForm, Select } from '../../ui';
import { CommentThreads } from '../reviews/CommentThreads';
import { RequestReviewDialog } from '../reviews/RequestReviewDialog';
import { money, moneyDraft, parseMoneyField, useDocRead, useLanguage } from './useWorkflow';
import { WarningsPanel } from './WarningsPanel';

export const STATUS_TONE: Record<OfferStatus, string> = { draft: 'neutral', 'in-review': 'blue', 'changes-requested': 'amber', approved: 'green' };

export function OffersSection() {
  const { t } = useTranslation();
  const offers = useDocRead(readOffers);
  const run = useRunCommand();
  const errorText = useErrorText();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const current = offers.items.find((o) => o.id === selected) ?? offers.items[0] ?? null;

  const add = (): void => {
    const result = run((doc, ctx) => createOffer(doc, ctx, { name }), { inline: true });
    if (result.ok) {
      setName('');
      setError(null);
      setSelected(result.value);
    } else setError(errorText(result.error));
  };

  return (
    <div className="section__inner">
      <header className="section__header">
        <h2 className="section__title">{t('offers.heading')}</h2>
        <p className="section__intro">{t('offers.intro')}</p>
      </header>
      {offers.items.length === 0 ? <EmptyState icon="brief" title={t('offers.emptyTitle')} body={t('offers.emptyBody')} /> : null}
      {offers.items.length > 0 ? (
        <nav className="wf-tabs" aria-label={t('offers.list')}>
          {offers.items.map((o) => (
            <button
              key={o.id}
              type="button"
              className="wf-tabs__item"
              aria-current={o.id === current?.id ? 'true' : undefined}
              onClick={() => setSelected(o.id)}
              data-testid="offer-tab"
            >
              <span>{o.name}</span>
              <Badge tone={STATUS_TONE[o.status.status]}>{t(`offers.status.${o.status.status}`)}</Badge>
            </button>
          ))}
        </nav>
      ) : null}
      {current ? <OfferEditor key={current.id} offer={current} /> : null}
      <AddRowForm
        label={t('offers.newName')}
        error={error}
        value={name}
        onValue={setName}
        placeholder={t('offers.newPlaceholder')}
        testId="new-offer-name"
        onSubmit={add}
        buttonLabel={t('offers.add')}
        buttonTestId="add-offer"
      />
    </div>
  );
}

function OfferEditor({ offer }: { offer: OfferView }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const run = useRunCommand();
  const plan = usePlanView();
  const [requesting, setRequesting] = useState(false);
  const status = offer.status;
  const fmt = (cents: number | null) => money(cents, lang, offer.currency);
  const reviewed = status.round > 0;

  return (
    <article className="card wf-offer" data-testid="offer" data-status={status.status}>
      <div className="wf-offer__head">
        <Field label={t('offers.name')} className="wf-grow">
          {({ id }) => <CommitInput id={id} value={offer.name} onCommit={(v) => run((doc, ctx) => renameOffer(doc, ctx, offer.id, v)).ok} data-testid="offer-name" />}
        </Field>
        <Field label={t('offers.currency')} className="wf-narrow">
          {({ id }) => (
            <CommitInput id={id} value={offer.currency} maxLength={3} onCommit={(v) => run((doc, ctx) => setOfferCurrency(doc, ctx, offer.id, v)).ok} data-testid="offer-currency" />
          )}
        </Field>
        <IconButton icon="trash" label={t('offers.remove')} onClick={() => run((doc, ctx) => removeOffer(doc, ctx, offer.id))} />
      </div>

      <div className="wf-status" data-testid="offer-status">
        <Badge tone={STATUS_TONE[status.status]}>{t(`offers.status.${status.status}`)}</Badge>
        <span className="wf-muted">
          {status.byName} · {formatRelative(status.at, lang)}
          {status.status === 'in-review' ? ` · ${t('offers.approvals', { count: status.approvals, quorum: status.quorum })}` : ''}
        </span>
        <span className="wf-grow" />
        {status.status === 'draft' && reviewed ? (
          <Button variant="primary" onClick={() => run((doc, ctx) => resubmitOffer(doc, ctx, offer.id, null))} data-testid="offer-resubmit">
            {t('offers.resubmit')}
          </Button>
        ) : null}
        {status.status === 'draft' && !reviewed ? (
          <Button variant="primary" onClick={() => setRequesting(true)} data-testid="offer-request-review">
            {t('offers.requestReview')}
          </Button>
        ) : null}
        {status.status === 'changes-requested' || status.status === 'approved' ? (
          <Button onClick={() => run((doc, ctx) => reviseOffer(doc, ctx, offer.id))} data-testid="offer-revise">
            {t('offers.revise')}
          </Button>
        ) : null}
      </div>
      {offer.conflicts.length > 0 ? <p className="field__error">{t('offers.conflictNote')}</p> : null}

      <Field label={t('offers.description')}>
        {({ id }) => <AutoTextArea id={id} value={offer.description} onValue={(v) => run((doc, ctx) => setOfferDescription(doc, ctx, offer.id, v))} data-testid="offer-description" />}
      </Field>

      <WarningsPanel offer={offer} />

      <h3 className="wf-h3">{t('offers.components')}</h3>
      <ComponentsTable offer={offer} />

      <div className="wf-row">
        <Field label={t('offers.bundlePrice')} hint={t('offers.bundleHint')} className="wf-narrow">
          {({ id, describedBy }) => (
            <CommitInput
              id={id}
              aria-describedby={describedBy}
              inputMode="decimal"
              value={moneyDraft(offer.bundlePrice, lang)}
              onCommit={(text) => {
                const parsed = parseMoneyField(text, lang);
                return run((doc, ctx) => (parsed.ok ? setBundlePrice(doc, ctx, offer.id, parsed.value) : parsed)).ok;
              }}
              data-testid="offer-bundle-price"
            />
          )}
        </Field>
        <div className="wf-totals">
          <span>{t('offers.listTotal', { amount: fmt(offer.totals.firstYear) })}</span>
          {offer.totals.discount !== null ? (
            <span>{t('offers.discount', { amount: fmt(offer.totals.discount), percent: Math.round((offer.totals.discountRatio ?? 0) * 100) })}</span>
          ) : null}
        </div>
      </div>

      <fieldset className="wf-fieldset">
        <legend className="field__label">{t('offers.segments')}</legend>
        {plan.segments.length === 0 ? <p className="wf-muted">{t('offers.noSegments')}</p> : null}
        <div className="wf-checks">
          {plan.segments.map((s) => (
            <label key={s.id} className="wf-check">
              <input
                type="checkbox"
                checked={offer.segmentIds.includes(s.id)}
                onChange={(e) => run((doc, ctx) => setOfferSegment(doc, ctx, offer.id, s.id, e.currentTarget.checked))}
                data-testid="offer-segment"
              />
              {s.name}
            </label>
          ))}
        </div>
      </fieldset>

      <div className="wf-columns">
        <ItemList offer={offer} list="arguments" />
        <ItemList offer={offer} list="objections" />
      </div>

      <h3 className="wf-h3">{t('offers.competitors')}</h3>
      <CompetitorTable offer={offer} />

      <CommentThreads target={{ kind: 'offer', id: offer.id }} fields={['name', 'components', 'bundlePrice', 'arguments', 'objections', 'competitors']} />
      <RequestReviewDialog open={requesting} onClose={() => setRequesting(false)} target={{ kind: 'offer', id: offer.id, name: offer.name }} />
    </article>
  );
}

function ComponentsTable({ offer }: { offer: OfferView }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const run = useRunCommand();
  return (
    <div className="wf-table-wrap">
      <table className="wf-table" data-testid="components">
        <thead>
          <tr>
            <th scope="col">{t('offers.component.name')}</th>
            <th scope="col">{t('offers.component.type')}</th>
            <th scope="col">{t('offers.component.role')}</th>
            <th scope="col">{t('offers.component.billing')}</th>
            <th scope="col" className="wf-num">{t('offers.component.price')} ({offer.currency})</th>
            <th scope="col"><span className="visually-hidden">{t('offers.component.remove')}</span></th>
          </tr>
        </thead>
        <tbody>
          {offer.components.map((c) => (
            <tr key={c.id} data-testid="component-row">
              <td>
                <CommitInput aria-label={t('offers.component.name')} value={c.name} onCommit={(v) => run((doc, ctx) => updateComponent(doc, ctx, offer.id, c.id, { name: v })).ok} />
              </td>
              <td>
                <Select aria-label={t('offers.component.type')} value={c.type} options={COMPONENT_TYPES.map((v) => ({ value: v, label: t(`offers.type.${v}`) }))} onValue={(v) => run((doc, ctx) => updateComponent(doc, ctx, offer.id, c.id, { type: v }))} data-testid="component-type" />
              </td>
              <td>
                <Select aria-label={t('offers.component.role')} value={c.role} options={COMPONENT_ROLES.map((v) => ({ value: v, label: t(`offers.role.${v}`) }))} onValue={(v) => run((doc, ctx) => updateComponent(doc, ctx, offer.id, c.id, { role: v }))} />
              </td>
              <td>
                <Select aria-label={t('offers.component.billing')} value={c.billing} options={BILLING_PERIODS.map((v) => ({ value: v, label: t(`offers.billing.${v}`) }))} onValue={(v) => run((doc, ctx) => updateComponent(doc, ctx, offer.id, c.id, { billing: v }))} />
              </td>
              <td className="wf-num">
                <CommitInput
                  aria-label={t('offers.component.price')}
                  inputMode="decimal"
                  className="input wf-num"
                  value={moneyDraft(c.listPrice, lang)}
                  onCommit={(text) => {
                    const parsed = parseMoneyField(text, lang);
                    return run((doc, ctx) => (parsed.ok ? updateComponent(doc, ctx, offer.id, c.id, { listPrice: parsed.value }) : parsed)).ok;
                  }}
                  data-testid="component-price"
                />
              </td>
              <td>
                <IconButton icon="trash" label={t('offers.component.remove')} onClick={() => run((doc, ctx) => removeComponent(doc, ctx, offer.id, c.id))} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <InlineAddForm
        label={t('offers.component.newName')}
        buttonLabel={t('offers.component.add')}
        onAdd={(name) => run((doc, ctx) => addComponent(doc, ctx, offer.id, { name, type: 'hardware', billing: 'one-off', listPrice: null })).ok}
        testId="new-component-name"
        buttonTestId="add-component"
      />
    </div>
  );
}

function ItemList({ offer, list }: { offer: OfferView; list: OfferList }) {
  const { t } = useTranslation();
  const run = useRunCommand();
  const items = offer[list];
  const placeholder = t(list === 'arguments' ? 'offers.newArgument' : 'offers.newObjection');
  return (
    <section className="wf-list" data-testid={`offer-${list}`}>
      <h3 className="wf-h3">{t(`offers.${list}`)}</h3>
      <ul className="wf-lines">
        {items.map((item) => (
          <li key={item.id} className="wf-line">
            <CommitInput aria-label={t(`offers.${list}`)} value={item.text} onCommit={(v) => run((doc, ctx) => updateOfferItem(doc, ctx, offer.id, list, item.id, v)).ok} />
            <IconButton icon="x" label={t('offers.removeItem')} onClick={() => run((doc, ctx) => removeOfferItem(doc, ctx, offer.id, list, item.id))} />
          </li>
        ))}
      </ul>
      <InlineAddForm
        label={placeholder}
        buttonLabel={t('offers.addItem')}
        onAdd={(text) => run((doc, ctx) => addOfferItem(doc, ctx, offer.id, list, text)).ok}
        testId={`new-${list}`}
      />
    </section>
  );
}

function CompetitorTable({ offer }: { offer: OfferView }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const run = useRunCommand();
  return (
    <div className="wf-table-wrap">
      <table className="wf-table" data-testid="competitors">
        <thead>
          <tr>
            <th scope="col">{t('offers.competitor.name')}</th>
            <th scope="col" className="wf-num">{t('offers.competitor.price')}</th>
            <th scope="col">{t('offers.competitor.argument')}</th>
            <th scope="col">{t('offers.competitor.answer')}</th>
            <th scope="col"><span className="visually-hidden">{t('offers.competitor.remove')}</span></th>
          </tr>
        </thead>
        <tbody>
          {offer.competitors.map((row) => (
            <tr key={row.id}>
              <td>
                <CommitInput aria-label={t('offers.competitor.name')} value={row.competitor} onCommit={(v) => run((doc, ctx) => updateCompetitorRow(doc, ctx, offer.id, row.id, { competitor: v })).ok} />
              </td>
              <td className="wf-num">
                <CommitInput
                  aria-label={t('offers.competitor.price')}
                  className="input wf-num"
                  inputMode="decimal"
                  value={moneyDraft(row.theirPrice, lang)}
                  onCommit={(text) => {
                    const parsed = parseMoneyField(text, lang);
                    return run((doc, ctx) => (parsed.ok ? updateCompetitorRow(doc, ctx, offer.id, row.id, { theirPrice: parsed.value }) : parsed)).ok;
                  }}
                />
              </td>
              <td>
                <CommitInput aria-label={t('offers.competitor.argument')} value={row.theirArgument} onCommit={(v) => run((doc, ctx) => updateCompetitorRow(doc, ctx, offer.id, row.id, { theirArgument: v })).ok} />
              </td>
              <td>
                <CommitInput aria-label={t('offers.competitor.answer')} value={row.ourAnswer} onCommit={(v) => run((doc, ctx) => updateCompetitorRow(doc, ctx, offer.id, row.id, { ourAnswer: v })).ok} />
              </td>
              <td>
                <IconButton icon="trash" label={t('offers.competitor.remove')} onClick={() => run((doc, ctx) => removeCompetitorRow(doc, ctx, offer.id, row.id))} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <InlineAddForm
        label={t('offers.competitor.name')}
        buttonLabel={t('offers.competitor.add')}
        onAdd={(competitor) => run((doc, ctx) => addCompetitorRow(doc, ctx, offer.id, { competitor, theirPrice: null, theirArgument: '', ourAnswer: '' })).ok}
      />
    </div>
  );
}
