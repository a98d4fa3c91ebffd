import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addSegment,
  moveSegment,
  PRIORITIES,
  removeSegment,
  renameSegment,
  setSegmentPriority,
  setSegmentText,
  type Priority,
  type Segment,
  type SegmentTextField,
} from '../../domain';
import { usePlanSession, usePlanView, useRunCommand } from '../../app/usePlan';
import { useAppStore } from '../../state/store';
import { useErrorText } from '../../app/errorText';
import { AddRowForm, AutoTextArea, Button, CommitInput, EmptyState, Field, IconButton, Select } from '../../ui';
import { neighbourOrders } from './reorder';

const TEXT_FIELDS: SegmentTextField[] = ['firmographics', 'pains', 'buyingMotives', 'decisionMakers'];

export function SegmentsSection() {
  const { t } = useTranslation();
  const view = usePlanView();
  const run = useRunCommand();
  const session = usePlanSession();
  const errorText = useErrorText();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [focusAfterMove, setFocusAfterMove] = useState<{ id: string; direction: -1 | 1 } | null>(null);
  const newNameRef = useRef<HTMLInputElement>(null);
  const segments = view.segments;

  const add = (): void => {
    // Refusals show inline next to the field, not as a toast.
    session.stopCapturing();
    const result = addSegment(session.doc, session.ctx, name);
    session.stopCapturing();
    if (result.ok) {
      setName('');
      setError(null);
    } else setError(errorText(result.error));
  };

  const move = (segment: Segment, direction: -1 | 1): void => {
    const index = segments.findIndex((s) => s.id === segment.id);
    const between = neighbourOrders(segments.map((s) => s.order), index, direction);
    if (!between) return;
    run((doc, ctx) => moveSegment(doc, ctx, segment.id, between[0], between[1]));
    setFocusAfterMove({ id: segment.id, direction });
  };

  return (
    <div className="section__inner">
      <header className="section__header">
        <h2 className="section__title">{t('segments.heading')}</h2>
        <p className="section__intro">{t('segments.intro')}</p>
      </header>

      {segments.length === 0 ? (
        <EmptyState
          icon="segments"
          title={t('segments.emptyTitle')}
          body={t('segments.emptyBody')}
          action={<Button onClick={() => newNameRef.current?.focus()}>{t('segments.add')}</Button>}
        />
      ) : (
        <ol className="segment-list">
          {segments.map((segment, index) => (
            <SegmentCard
              key={segment.id}
              segment={segment}
              index={index}
              count={segments.length}
              onMove={(direction) => move(segment, direction)}
              focusMove={focusAfterMove?.id === segment.id ? focusAfterMove.direction : null}
              onFocused={() => setFocusAfterMove(null)}
            />
          ))}
        </ol>
      )}

      <AddRowForm
        label={t('segments.newName')}
        error={error}
        value={name}
        onValue={setName}
        placeholder={t('segments.newPlaceholder')}
        inputRef={newNameRef}
        testId="new-segment-name"
        onSubmit={add}
        buttonLabel={t('segments.add')}
        buttonTestId="add-segment"
      />
    </div>
  );
}

function SegmentCard({ segment, index, count, onMove, focusMove, onFocused }: {
  segment: Segment;
  index: number;
  count: number;
  onMove: (direction: -1 | 1) => void;
  focusMove: -1 | 1 | null;
  onFocused: () => void;
}) {
  const { t } = useTranslation();
  const run = useRunCommand();
  const session = usePlanSession();
  const showToast = useAppStore((s) => s.showToast);
  const upRef = useRef<HTMLButtonElement>(null);
  const downRef = useRef<HTMLButtonElement>(null);

  // Reordering moves the DOM node; keep focus on the button that was pressed.
  useEffect(() => {
    if (focusMove === null) return;
    const target = focusMove === -1 ? upRef.current : downRef.current;
    (target && !target.disabled ? target : (upRef.current?.disabled ? downRef.current : upRef.current))?.focus();
    onFocused();
  }, [focusMove, onFocused]);

  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>): void => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    onMove(e.key === 'ArrowUp' ? -1 : 1);
  };

  const remove = (): void => {
    const result = run((doc, ctx) => removeSegment(doc, ctx, segment.id));
    if (result.ok) {
      showToast({
        tone: 'info',
        message: t('segments.removed', { name: segment.name }),
        action: { label: t('common.undo'), run: () => session.undo() },
      });
    }
  };

  return (
    <li className="segment card" onKeyDown={onKeyDown} aria-label={`${segment.name} — ${t('segments.position', { index: index + 1, count })}`} data-testid="segment">
      <div className="segment__header">
        <span className="segment__index" aria-hidden="true">
          {index + 1}
        </span>
        <Field label={t('segments.name')} className="segment__name">
          {({ id }) => (
            <CommitInput
              id={id}
              value={segment.name}
              maxLength={200}
              className="input input--strong"
              onCommit={(v) => run((doc, ctx) => renameSegment(doc, ctx, segment.id, v)).ok}
              data-testid="segment-name"
            />
          )}
        </Field>
        <Field label={t('segments.priority')} className="segment__priority">
          {({ id }) => (
            <Select<Priority>
              id={id}
              className={`select--priority priority--${segment.priority}`}
              value={segment.priority}
              onValue={(p) => run((doc, ctx) => setSegmentPriority(doc, ctx, segment.id, p))}
              options={PRIORITIES.map((p) => ({ value: p, label: t(`segments.priorities.${p}`) }))}
            />
          )}
        </Field>
        <div className="segment__tools" title={t('segments.reorderHint')}>
          <IconButton ref={upRef} icon="up" label={t('segments.moveUp')} disabled={index === 0} onClick={() => onMove(-1)} />
          <IconButton ref={downRef} icon="down" label={t('segments.moveDown')} disabled={index === count - 1} onClick={() => onMove(1)} />
          <IconButton icon="trash" label={`${t('segments.remove')}: ${segment.name}`} onClick={remove} />
        </div>
      </div>
      <div className="segment__fields">
        {TEXT_FIELDS.map((field) => (
          <Field key={field} label={t(`segments.${field}`)}>
            {({ id }) => (
              <AutoTextArea
                id={id}
                value={segment[field]}
                placeholder={t(`segments.${field}Placeholder`)}
                onValue={(v) => run((doc, ctx) => setSegmentText(doc, ctx, segment.id, field, v), { merge: true })}
                data-testid={`segment-${field}`}
              />
            )}
          </Field>
        ))}
      </div>
    </li>
  );
}
