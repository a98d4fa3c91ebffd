import { useCallback, useEffect, useRef, useState } from 'react';
import type { PlanCollab } from '../../collab/planCollab';
import type { PeerPresence } from '../../sync/presence';

/**
 * Follow a person: while following, our section follows theirs. Any navigation of our own
 * (a section we did not follow them into) stops following, as does their leaving.
 */
export function useFollow(
  collab: PlanCollab | undefined,
  peers: PeerPresence[],
  section: string,
  goTo: (section: string) => void,
): { followId: number | null; follow: (clientId: number | null) => void } {
  const [followId, setFollowId] = useState<number | null>(null);
  // The section we last moved to because of the person we follow.
  const expected = useRef(section);

  const follow = useCallback(
    (clientId: number | null) => {
      expected.current = section;
      setFollowId(clientId);
      collab?.setFollow(clientId ?? undefined);
    },
    [collab, section],
  );

  const target = followId === null ? undefined : peers.find((p) => p.clientId === followId);
  const targetGone = followId !== null && target === undefined;
  const targetSection = target?.section;

  useEffect(() => {
    if (targetGone) follow(null);
  }, [targetGone, follow]);

  useEffect(() => {
    if (followId === null || targetSection === undefined || targetSection === section) return;
    expected.current = targetSection;
    goTo(targetSection);
    // Only their moves trigger this; our own moves are handled below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [followId, targetSection]);

  useEffect(() => {
    if (followId !== null && section !== expected.current) {
      setFollowId(null);
      collab?.setFollow(undefined);
    }
    // Reacts to our section changing only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [section]);

  return { followId, follow };
}
