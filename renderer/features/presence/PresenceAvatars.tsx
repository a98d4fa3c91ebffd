import { DropdownMenu } from 'radix-ui';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { initialsOf } from '../../collab/identity';
import { findSection } from '../../app/sections';
import type { PeerPresence } from '../../sync/presence';
import { Avatar, Icon } from '../../ui';

const MAX_SHOWN = 5;

export function roleLabel(role: string, t: TFunction): string {
  return role === '' ? '' : t(`collab.presence.role.${role}`, { defaultValue: role });
}

function sectionLabel(id: string | undefined, t: TFunction): string | null {
  if (id === undefined) return null;
  const section = findSection(id);
  return section ? t(section.labelKey) : null;
}

/**
 * Everyone else in the plan as avatars (colour, initials; name, role and section on hover and
 * in the menu), with "Follow" per person.
 */
export function PresenceAvatars({ peers, followId, onFollow }: { peers: PeerPresence[]; followId: number | null; onFollow: (clientId: number | null) => void }) {
  const { t } = useTranslation();
  if (peers.length === 0) return null;
  const shown = peers.slice(0, MAX_SHOWN);
  const hidden = peers.length - shown.length;
  const followed = peers.find((p) => p.clientId === followId);
  return (
    <div className="presence" role="group" aria-label={t('collab.presence.label')} data-testid="presence">
      {followed ? (
        <span className="presence__following" data-testid="presence-following">
          <Icon name="share" />
          {t('collab.presence.following', { name: followed.user.name })}
          <button type="button" className="presence__stop" onClick={() => onFollow(null)}>
            {t('collab.presence.stopFollowing')}
          </button>
        </span>
      ) : null}
      <ul className="presence__list">
        {shown.map((peer) => {
          const where = sectionLabel(peer.section, t);
          const role = roleLabel(peer.user.role, t);
          const summary = [peer.user.name, role, where ? t('collab.presence.inSection', { section: where }) : null].filter(Boolean).join(' · ');
          return (
            <li key={peer.clientId} className={peer.clientId === followId ? 'presence__item presence__item--followed' : 'presence__item'}>
              <DropdownMenu.Root modal={false}>
                <DropdownMenu.Trigger asChild>
                  <button type="button" className="presence__avatar" aria-label={summary} title={summary} data-testid="presence-avatar" data-name={peer.user.name}>
                    <Avatar name={peer.user.name} colour={peer.user.color} initials={initialsOf(peer.user.name)} />
                  </button>
                </DropdownMenu.Trigger>
                <DropdownMenu.Portal>
                  <DropdownMenu.Content className="menu presence__menu" align="end" sideOffset={4} collisionPadding={8}>
                    <div className="presence__card">
                      <strong>{peer.user.name}</strong>
                      {role ? <span className="muted">{role}</span> : null}
                      {where ? <span className="muted">{t('collab.presence.inSection', { section: where })}</span> : null}
                    </div>
                    <DropdownMenu.Separator className="menu__separator" />
                    <DropdownMenu.Item className="menu__item" onSelect={() => onFollow(peer.clientId === followId ? null : peer.clientId)} data-testid="presence-follow">
                      <Icon name={peer.clientId === followId ? 'x' : 'share'} />
                      {peer.clientId === followId ? t('collab.presence.unfollow') : t('collab.presence.follow')}
                    </DropdownMenu.Item>
                  </DropdownMenu.Content>
                </DropdownMenu.Portal>
              </DropdownMenu.Root>
            </li>
          );
        })}
        {hidden > 0 ? (
          <li className="presence__more" title={peers.slice(MAX_SHOWN).map((p) => p.user.name).join(', ')}>
            {t('collab.presence.more', { count: hidden })}
          </li>
        ) : null}
      </ul>
    </div>
  );
}

/** Small avatars of who is in a section, for its tab. */
export function SectionPeers({ peers, sectionId }: { peers: PeerPresence[]; sectionId: string }) {
  const { t } = useTranslation();
  const here = peers.filter((p) => p.section === sectionId);
  if (here.length === 0) return null;
  const names = here.map((p) => p.user.name).join(', ');
  return (
    <span className="section-peers" title={t('collab.presence.here', { names })} data-testid={`section-peers-${sectionId}`}>
      <span className="visually-hidden">{t('collab.presence.here', { names })}</span>
      {here.slice(0, 3).map((p) => (
        <Avatar key={p.clientId} name={p.user.name} colour={p.user.color} initials={initialsOf(p.user.name)} size={16} />
      ))}
      {here.length > 3 ? <span className="section-peers__more">{t('collab.presence.more', { count: here.length - 3 })}</span> : null}
    </span>
  );
}
