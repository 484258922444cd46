// The browser host's per-launch key: read once from the page URL's #key=…, kept in sessionStorage,
// then removed from the address bar. Owns nothing else; never sends the key anywhere but our origin.
const STORAGE_KEY = 'poe.launchKey';

export function takeLaunchKey(location: Location = window.location, storage: Storage = window.sessionStorage): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('key');
  if (fromHash) {
    storage.setItem(STORAGE_KEY, fromHash);
    // Clear the hash so the key is neither bookmarked nor shown; keep path and query as they were.
    window.history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return storage.getItem(STORAGE_KEY);
}
