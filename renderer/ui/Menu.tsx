import { DropdownMenu } from 'radix-ui';
import type { ReactNode } from 'react';
import { Icon, type IconName } from './icons';

export interface MenuItem {
  label: string;
  icon?: IconName;
  onSelect: () => void;
  danger?: boolean;
  disabled?: boolean;
}

/** A keyboard-navigable action menu (Radix DropdownMenu). `items` may contain `'separator'`. */
export function Menu({ trigger, items, align = 'end' }: { trigger: ReactNode; items: (MenuItem | 'separator')[]; align?: 'start' | 'end' }) {
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>{trigger}</DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align={align} sideOffset={4} collisionPadding={8}>
          {items.map((item, index) =>
            item === 'separator' ? (
              <DropdownMenu.Separator key={`sep-${index}`} className="menu__separator" />
            ) : (
              <DropdownMenu.Item
                key={item.label}
                className={item.danger ? 'menu__item menu__item--danger' : 'menu__item'}
                disabled={item.disabled ?? false}
                onSelect={item.onSelect}
              >
                {item.icon ? <Icon name={item.icon} /> : <span className="menu__spacer" />}
                {item.label}
              </DropdownMenu.Item>
            ),
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
