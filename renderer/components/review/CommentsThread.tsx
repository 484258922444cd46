// The conversation with the partner: comments and the messages that came with decisions, oldest
// first, the reviewer's unsynced ones marked; and a box to comment without deciding.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { useShortcut } from '../../shortcuts/useShortcut';
import { useStore } from '../../store';
import { usePermissions } from '../claim/usePermissions';

export function CommentsThread() {
  const { t } = useTranslation();
  const f = useFormat();
  const comments = useStore((s) => s.claim.view?.claim.comments);
  const synced = useStore((s) => s.claim.view?.server.version ?? 0);
  const draft = useStore((s) => s.review.commentDraft);
  const busy = useStore((s) => s.review.busy);
  const setDraft = useStore((s) => s.review.setCommentDraft);
  const send = useStore((s) => s.review.sendComment);
  const commentKey = useShortcut('comment');
  const perms = usePermissions();
  if (!comments) return null;
  return (
    <div className="comments">
      {comments.length === 0 ? <p className="empty-state small">{t('comments.none')}</p> : null}
      <ol className="thread" aria-label={t('comments.threadLabel')}>
        {comments.map((c) => (
          <li key={c.seq} className={`comment from-${c.author.role}${c.seq > synced ? ' local' : ''}`}>
            <div className="row-line small">
              <span className="strong">{c.author.name}</span>
              <span className="muted">{t(`role.${c.author.role}`)}</span>
              {c.kind !== 'comment' ? <span className="badge">{t(`history.kind.${c.kind}`)}</span> : null}
              <span className="spacer" />
              {c.seq > synced ? <span className="marker pending">{t('claim.notSynced')}</span> : null}
              <time className="muted" dateTime={c.at}>
                {f.dateTime(c.at)}
              </time>
            </div>
            <p className="comment-text">{c.text}</p>
          </li>
        ))}
      </ol>
      <form
        className="comment-form"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <label htmlFor="comment-box" className="field-label">
          {t('comments.label')}
        </label>
        <textarea
          id="comment-box"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void send();
            }
          }}
          rows={3}
          placeholder={t('comments.placeholder')}
          disabled={!perms.comment.ok}
          aria-keyshortcuts={commentKey}
        />
        <div className="row-line">
          <span className="small muted">{perms.comment.ok ? t('comments.sendHint') : t('decide.unavailable', { reason: perms.comment.reason })}</span>
          <span className="spacer" />
          <button type="submit" className="secondary-button" disabled={!perms.comment.ok || busy || !draft.trim()}>
            {t('comments.send')}
          </button>
        </div>
      </form>
    </div>
  );
}
