import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../state/store';
import { Button } from '../../ui';
import { usePeers, usePlanCollab } from '../connection/collabContext';
import { ConnectionStatus } from '../connection/ConnectionStatus';
import { PresenceAvatars, SectionPeers } from '../presence/PresenceAvatars';
import { useFollow } from '../presence/useFollow';
import { ShareDialog } from './ShareDialog';
import './collab.css';

/**
 * The workspace header's collaboration controls: who is here (and following them), the
 * connection status and the Share button. Also publishes which section we are in.
 */
export function CollabBar({ planId, section }: { planId: string; section: string }) {
  const { t } = useTranslation();
  const collab = usePlanCollab(planId);
  const peers = usePeers(collab);
  const navigate = useAppStore((s) => s.navigate);
  const [shareOpen, setShareOpen] = useState(false);
  const { followId, follow } = useFollow(collab, peers, section, (next) => navigate({ name: 'plan', planId, section: next }));

  useEffect(() => {
    collab?.setSection(section);
  }, [collab, section]);

  // A renamed profile (or a new colour) reaches the others at once.
  const profile = useAppStore((s) => s.profile);
  useEffect(() => {
    collab?.refreshIdentity();
  }, [collab, profile]);

  return (
    <>
      <PresenceAvatars peers={peers} followId={followId} onFollow={follow} />
      <ConnectionStatus collab={collab} planId={planId} />
      <Button icon="share" onClick={() => setShareOpen(true)} data-testid="share-open" disabled={!collab}>
        {t('collab.share.button')}
      </Button>
      <ShareDialog open={shareOpen} onOpenChange={setShareOpen} collab={collab} planId={planId} />
    </>
  );
}

/** Avatars of the people in one section, for the section's tab. */
export function TabPeers({ planId, sectionId }: { planId: string; sectionId: string }) {
  const peers = usePeers(usePlanCollab(planId));
  return <SectionPeers peers={peers} sectionId={sectionId} />;
}
