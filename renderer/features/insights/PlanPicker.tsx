import { Select } from 'radix-ui';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui';
import type { CapturePlan } from './capturePlans';

/**
 * Which plan a quick capture goes into. A Radix Select: a labelled combobox with a listbox that
 * opens with Enter, Space or the arrow keys, typeahead on plan titles, and the checked plan
 * announced to screen readers.
 */
export function PlanPicker({ plans, value, onValue, disabled = false }: { plans: readonly CapturePlan[]; value: string; onValue: (planId: string) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const labelId = useId();
  return (
    <div className="al-field">
      <span id={labelId} className="al-field__label">
        {t('quickCapture.plan')}
      </span>
      <Select.Root value={value} onValueChange={onValue} disabled={disabled}>
        <Select.Trigger className="input plan-picker__trigger" aria-labelledby={labelId} data-testid="capture-plan">
          <Select.Value />
          <Select.Icon className="plan-picker__chevron">
            <Icon name="down" />
          </Select.Icon>
        </Select.Trigger>
        <Select.Portal>
          <Select.Content className="menu plan-picker__content" position="popper" sideOffset={4} collisionPadding={8}>
            <Select.Viewport>
              {plans.map((p) => (
                <Select.Item key={p.id} value={p.id} className="menu__item plan-picker__item" data-testid="capture-plan-option">
                  <Select.ItemText>{p.title}</Select.ItemText>
                  <span className="plan-picker__stage">{t(`stage.${p.stage}`, { defaultValue: p.stage })}</span>
                  <Select.ItemIndicator className="plan-picker__check">
                    <Icon name="check" />
                  </Select.ItemIndicator>
                </Select.Item>
              ))}
            </Select.Viewport>
          </Select.Content>
        </Select.Portal>
      </Select.Root>
    </div>
  );
}
