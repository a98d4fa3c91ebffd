import Collaboration from '@tiptap/extension-collaboration';
import { Placeholder } from '@tiptap/extensions';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useTranslation } from 'react-i18next';
import { narrativeFragment } from '../../domain';
import { usePlanSession } from '../../app/usePlan';
import { Icon, type IconName } from '../../ui';
import { useNarrativeCaret } from '../presence/NarrativeCaret';

/**
 * The rich-text narrative, bound directly to the plan's Y.XmlFragment. Collaboration brings its
 * own Yjs-aware undo, so StarterKit's history (undoRedo) must be off or the two fight.
 */
export function NarrativeEditor({ labelId, hintId, placeholder }: { labelId: string; hintId: string; placeholder: string }) {
  const { t } = useTranslation();
  const session = usePlanSession();
  // Live carets of the people editing with us (null while the plan is not collaborative).
  const caret = useNarrativeCaret(session.planId);
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({ undoRedo: false, link: false }),
        Collaboration.configure({ fragment: narrativeFragment(session.doc) }),
        Placeholder.configure({ placeholder }),
        ...(caret ? [caret] : []),
      ],
      editorProps: {
        attributes: {
          class: 'narrative__content',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': labelId,
          'aria-describedby': hintId,
          'data-testid': 'narrative',
        },
      },
    },
    [session, placeholder, caret],
  );
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      heading: e?.isActive('heading', { level: 3 }) ?? false,
      bullets: e?.isActive('bulletList') ?? false,
      numbers: e?.isActive('orderedList') ?? false,
    }),
  });
  const tools: { key: keyof NonNullable<typeof active>; icon: IconName; run: () => void }[] = [
    { key: 'bold', icon: 'bold', run: () => editor?.chain().focus().toggleBold().run() },
    { key: 'italic', icon: 'italic', run: () => editor?.chain().focus().toggleItalic().run() },
    { key: 'heading', icon: 'heading', run: () => editor?.chain().focus().toggleHeading({ level: 3 }).run() },
    { key: 'bullets', icon: 'list', run: () => editor?.chain().focus().toggleBulletList().run() },
    { key: 'numbers', icon: 'listOrdered', run: () => editor?.chain().focus().toggleOrderedList().run() },
  ];
  return (
    <div className="narrative">
      <div className="narrative__toolbar" role="toolbar" aria-label={t('brief.toolbar.label')}>
        {tools.map((tool) => (
          <button
            key={tool.key}
            type="button"
            className="btn btn--icon btn--ghost btn--toggle"
            aria-pressed={active?.[tool.key] ?? false}
            aria-label={t(`brief.toolbar.${tool.key}`)}
            title={t(`brief.toolbar.${tool.key}`)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={tool.run}
          >
            <Icon name={tool.icon} />
          </button>
        ))}
      </div>
      <EditorContent editor={editor} />
    </div>
  );
}
