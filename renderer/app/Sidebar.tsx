import { useTranslation } from 'react-i18next';
import type { PlanEntry } from '../storage';
import { useAppStore } from '../state/store';
import { initials } from '../features/profile/profile';
import { Avatar, Icon } from '../ui';
import { HomeBadge } from '../features/home/HomePanel';

/** Brand, main navigation, pinned/recent plans for quick switching, and who is planning. */
export function Sidebar() {
  const { t } = useTranslation();
  const route = useAppStore((s) => s.route);
  const navigate = useAppStore((s) => s.navigate);
  const profile = useAppStore((s) => s.profile);
  const library = useAppStore((s) => s.library);
  const recent = library
    .filter((e): e is PlanEntry => !e.corrupt && e.archived === 0 && e.deletedAt === null)
    .sort((a, b) => b.pinned - a.pinned || b.updatedAt - a.updatedAt)
    .slice(0, 6);
  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand__mark" aria-hidden="true">
          <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round">
            <path d="M5 8h10M9 16h10" />
          </svg>
        </span>
        <span className="brand__name">{t('app.name')}</span>
      </div>
      <nav className="nav" aria-label={t('nav.main')}>
        <button
          type="button"
          className="nav__item"
          aria-current={route.name === 'library' ? 'page' : undefined}
          onClick={() => navigate({ name: 'library' })}
          data-testid="nav-plans"
        >
          <Icon name="plans" />
          {t('nav.plans')}
          <HomeBadge />
        </button>
        {recent.length > 0 ? (
          <ul className="nav__plans">
            {recent.map((plan) => (
              <li key={plan.id}>
                <button
                  type="button"
                  className="nav__plan"
                  aria-current={route.name === 'plan' && route.planId === plan.id ? 'page' : undefined}
                  onClick={() => navigate({ name: 'plan', planId: plan.id, section: 'brief' })}
                >
                  <span className={`nav__dot kind-dot--${plan.kind}`} aria-hidden="true" />
                  <span className="nav__plan-title">{plan.title}</span>
                  {plan.pinned ? <Icon name="pin" size={12} /> : null}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <button
          type="button"
          className="nav__item"
          aria-current={route.name === 'portfolio' ? 'page' : undefined}
          onClick={() => navigate({ name: 'portfolio' })}
          data-testid="nav-portfolio"
        >
          <Icon name="journey" />
          {t('nav.portfolio')}
        </button>
      </nav>
      <div className="sidebar__footer">
        <button
          type="button"
          className="nav__item"
          aria-current={route.name === 'settings' ? 'page' : undefined}
          onClick={() => navigate({ name: 'settings' })}
          data-testid="nav-settings"
        >
          <Icon name="settings" />
          {t('nav.settings')}
        </button>
        {profile ? (
          <div className="me">
            <Avatar name={profile.name} colour={profile.colour} initials={initials(profile.name)} />
            <span className="me__text">
              <span className="me__name">{profile.name}</span>
              <span className="me__role">{t(`profile.roles.${profile.role}`)}</span>
            </span>
          </div>
        ) : null}
      </div>
    </aside>
  );
}
