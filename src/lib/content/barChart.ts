import { escape } from 'html-escaper';

/** Static horizontal bar chart (no client JS). Labels are escaped; everything else is numbers. */
/**
 * `fig` gives each count machine-readable attributes (`data-fig`, `data-run`, `data-label`), so
 * the figures test reads the chart's numbers as it reads the tables'.
 */
export function barChartSvg(rows: readonly { label: string; count: number; fig?: Readonly<Record<string, string>> }[], title: string): string {
  const barH = 18;
  const gap = 4;
  const labelW = 190;
  const barW = 330;
  const numW = 60;
  const width = labelW + barW + numW;
  const height = Math.max(1, rows.length) * (barH + gap) + gap;
  const max = Math.max(1, ...rows.map((r) => r.count));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="chart-title">`,
    `<title id="chart-title">${escape(title)}</title>`,
  );
  rows.forEach((r, i) => {
    const y = gap + i * (barH + gap);
    const w = r.count === 0 ? 0 : Math.max(1, Math.round((r.count / max) * barW));
    const label = r.label.length > 28 ? `${r.label.slice(0, 27)}…` : r.label;
    parts.push(
      `<text x="${labelW - 6}" y="${y + 13}" text-anchor="end">${escape(label)}</text>`,
      `<rect x="${labelW}" y="${y}" width="${w}" height="${barH}"><title>${escape(`${r.label}: ${r.count}`)}</title></rect>`,
      `<text x="${labelW + w + 4}" y="${y + 13}"${r.fig ? Object.entries(r.fig).map(([k, v]) => ` ${k}="${escape(v)}"`).join('') : ''}>${r.count}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
