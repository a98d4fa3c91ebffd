import { PRINT_CSS } from './printable';

const ROOT_ID = 'lockstep-print-root';
const STYLE_ID = 'lockstep-print-style';

/**
 * Puts the printable view into the current page for printing: on screen it stays hidden, in
 * print media it is the only thing shown. Both hosts print the current page (Electron's
 * webContents.printToPDF, the browser's print dialog), so no second window is needed.
 * Returns the cleanup.
 */
export function mountPrintView(doc: Document, articleHtml: string): () => void {
  doc.getElementById(ROOT_ID)?.remove();
  doc.getElementById(STYLE_ID)?.remove();
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = `${PRINT_CSS}
#${ROOT_ID} { display: none; }
@media print {
  body > *:not(#${ROOT_ID}) { display: none !important; }
  #${ROOT_ID} { display: block; }
  html, body { background: #fff !important; }
}`;
  const root = doc.createElement('div');
  root.id = ROOT_ID;
  // The HTML is built by planToPrintableHtml, which escapes every user-written string.
  root.innerHTML = articleHtml;
  doc.head.appendChild(style);
  doc.body.appendChild(root);
  return () => {
    root.remove();
    style.remove();
  };
}
