// The browser host's per-launch key, when the page was opened with it in the URL fragment (#key=…): read
// once and removed from the address bar at once. The bridge trades it for a session cookie; nothing keeps it.
export function takeLaunchKey(location: Location = window.location): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('key');
  if (fromHash) {
    // Clear the hash so the key is neither bookmarked nor shown; keep path and query as they were.
    window.history.replaceState(null, '', location.pathname + location.search);
  }
  return fromHash;
}
