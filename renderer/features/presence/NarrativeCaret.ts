import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import type { Extension } from '@tiptap/core';
import { useMemo } from 'react';
import { presenceUserFrom } from '../../collab/identity';
import { useAppStore } from '../../state/store';
import { usePlanCollab } from '../connection/collabContext';

/**
 * The live-caret extension for a plan's rich text, bound to the plan's awareness (which
 * outlives sync restarts), or null when the plan has no collaboration controller or the
 * profile is not set up yet. The user object must be the full presence user (name, role,
 * colour): the caret writes it into awareness, and presence.ts validates all three.
 */
export function useNarrativeCaret(planId: string): Extension | null {
  const collab = usePlanCollab(planId);
  const profile = useAppStore((s) => s.profile);
  const user = useMemo(() => presenceUserFrom(profile), [profile]);
  return useMemo(() => {
    if (!collab || !user) return null;
    return CollaborationCaret.configure({
      provider: { awareness: collab.awareness },
      user,
      render: (u: Record<string, unknown>) => {
        const caret = document.createElement('span');
        caret.classList.add('collaboration-carets__caret');
        const color = typeof u['color'] === 'string' ? u['color'] : '#4b5563';
        caret.style.borderColor = color;
        const label = document.createElement('span');
        label.classList.add('collaboration-carets__label');
        label.style.backgroundColor = color;
        label.textContent = typeof u['name'] === 'string' ? u['name'] : '';
        caret.append(label);
        return caret;
      },
    }) as Extension;
  }, [collab, user]);
}
