// Hands a file the workstation produced (a CSV export, an outbox file) to the reviewer as a download.
// In the desktop app Electron turns the download into its save dialog; in a browser it saves as usual.
export function downloadText(fileName: string, text: string, mediaType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mediaType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
