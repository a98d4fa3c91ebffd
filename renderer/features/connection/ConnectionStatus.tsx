import { Popover } from 'radix-ui';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CollabSnapshot, PlanCollab } from '../../collab/planCollab';
import { formatTime } from '../../i18n/format';
import { useAppStore } from '../../state/store';
import type { PeerStatus, SyncProblem } from '../../sync/session';
import { Button, Icon } from '../../ui';
import { useCollabSnapshot } from './collabContext';

const PROBLEM_LIST_MS = 10 * 60_000;
const PROBLEM_ALERT_MS = 60_000;

export type ConnectionTone = 'local' | 'offline' | 'connecting' | 'connected' | 'failed';

/** The one-word state of a plan's connection (what the header badge shows). */
export function connectionTone(snapshot: CollabSnapshot): ConnectionTone {
  if (snapshot.phase === 'failed') return 'failed';
  if (snapshot.share === null || snapshot.phase === 'local' || snapshot.phase === 'loading') return 'local';
  if (snapshot.sync === null) return 'connecting';
  return snapshot.sync.state;
}

function problemText(problem: SyncProblem, t: TFunction): string {
  const known = ['signaling-lost', 'peer-bad-data', 'send-failed', 'send-overflow', 'stuck-connection', 'peer-connection-error', 'sync-internal'];
  return known.includes(problem.code) ? t(`collab.status.problem.${problem.code}`) : t('collab.status.problem.other', { message: problem.message });
}

function peerState(peer: PeerStatus, t: TFunction): string {
  if (!peer.connected) return t('collab.status.peerConnecting');
  return peer.synced ? t('collab.status.peerSynced') : t('collab.status.peerSyncing');
}

/**
 * Header status: offline / connecting / connected with N people, and "Synced with X at HH:MM"
 * versus "Saved locally"; a popover lists peers, meeting points and problems in plain words.
 */
export function ConnectionStatus({ collab, planId }: { collab: PlanCollab | undefined; planId: string }) {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const snapshot = useCollabSnapshot(collab, planId);
  const tone = connectionTone(snapshot);
  const sync = snapshot.sync;
  const connectedPeers = sync?.peers.filter((p) => p.connected) ?? [];
  // A retried connection to the same person can linger half-open for a few seconds; list the
  // open ones, and the pending ones only while nothing is open yet.
  const listedPeers = connectedPeers.length > 0 ? connectedPeers : (sync?.peers ?? []);
  const label =
    tone === 'local'
      ? t('collab.status.local')
      : tone === 'failed'
        ? t('collab.status.failed', { reason: snapshot.error ?? '' })
        : tone === 'offline'
          ? t('collab.status.offline')
          : tone === 'connecting'
            ? t('collab.status.connecting')
            : t('collab.status.connected', { count: connectedPeers.length });
  const syncLine =
    tone === 'local'
      ? null
      : sync?.lastSyncedAt != null
        ? t('collab.status.syncedWith', { name: sync.lastSyncedWith ?? t('collab.status.unknownPeer'), time: formatTime(sync.lastSyncedAt, language) })
        : t('collab.status.savedLocally');
  // The newest few problems of the last minutes, in plain words; the warning icon only while
  // something is wrong now (a recovered hiccup should not leave a permanent alarm).
  const now = Date.now();
  const problems = (sync?.problems ?? []).filter((p) => now - p.at < PROBLEM_LIST_MS).slice(-4).reverse();
  const recentProblem = problems.some((p) => now - p.at < PROBLEM_ALERT_MS);
  const signalingDown = sync?.signaling.some((s) => !s.connected) ?? false;

  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <button type="button" className={`conn conn--${tone}`} data-testid="connection-status" data-state={tone} data-peers={connectedPeers.length} aria-label={`${t('collab.status.label')}: ${label}`}>
          <span className="conn__dot" aria-hidden="true" />
          <span className="conn__text">
            <span className="conn__state">{label}</span>
            {syncLine ? (
              <span className="conn__sync" data-testid="connection-synced">
                {syncLine}
              </span>
            ) : null}
          </span>
          {recentProblem || (signalingDown && tone !== 'offline') ? <Icon name="alert" /> : null}
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="conn-pop" align="end" sideOffset={6} collisionPadding={8} data-testid="connection-popover">
          {tone === 'local' ? (
            <p className="muted">{t('collab.status.localHint')}</p>
          ) : (
            <>
              <h3 className="conn-pop__heading">{t('collab.status.peers')}</h3>
              {listedPeers.length > 0 ? (
                <ul className="conn-pop__list">
                  {listedPeers.map((peer) => (
                    <li key={peer.peerId} className="conn-pop__peer" data-testid="connection-peer">
                      <span>{peer.name ?? t('collab.status.unknownPeer')}</span>
                      <span className={peer.synced ? 'conn-pop__ok' : 'muted'}>
                        {peerState(peer, t)}
                        {peer.lastSyncedAt ? ` · ${formatTime(peer.lastSyncedAt, language)}` : ''}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{t('collab.status.noPeers')}</p>
              )}
              <h3 className="conn-pop__heading">{t('collab.status.signaling')}</h3>
              {snapshot.signalingUrls.length === 0 ? (
                <p className="muted">{t('collab.status.noSignaling')}</p>
              ) : (
                <ul className="conn-pop__list">
                  {(sync?.signaling ?? snapshot.signalingUrls.map((url) => ({ url, connected: false }))).map((s) => (
                    <li key={s.url} className="conn-pop__peer">
                      <span className="conn-pop__url">{s.url}</span>
                      <span className={s.connected ? 'conn-pop__ok' : 'conn-pop__bad'}>{s.connected ? t('collab.status.signalingUp') : t('collab.status.signalingDown')}</span>
                    </li>
                  ))}
                </ul>
              )}
              {problems.length > 0 ? (
                <>
                  <h3 className="conn-pop__heading">{t('collab.status.problems')}</h3>
                  <ul className="conn-pop__problems" data-testid="connection-problems">
                    {problems.map((p) => (
                      <li key={`${p.code}-${p.at}`}>
                        <span className="muted">{formatTime(p.at, language)}</span> {problemText(p, t)}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              <div className="conn-pop__actions">
                {tone === 'offline' ? (
                  <Button size="sm" onClick={() => collab?.reconnect()} data-testid="connection-reconnect">
                    {t('collab.status.reconnect')}
                  </Button>
                ) : (
                  <>
                    <Button size="sm" variant="ghost" onClick={() => collab?.disconnect()} data-testid="connection-offline">
                      {t('collab.status.goOffline')}
                    </Button>
                    <Button size="sm" onClick={() => collab?.reconnect()}>
                      {t('collab.status.reconnect')}
                    </Button>
                  </>
                )}
              </div>
            </>
          )}
          <Popover.Arrow className="conn-pop__arrow" />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
