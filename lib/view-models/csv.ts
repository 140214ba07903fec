/** RFC 4180: quote a field when it holds a comma, quote, or line break; double inner quotes. */
function csvField(value: string): string {
  // A leading =, +, - or @ would run as a formula in a spreadsheet; prefix it.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows of fields as CSV text, CRLF line ends, a final line end. */
export function csvText(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}
