/**
 * `?at=<commit>` on a page with a history section: says at the top whether what the link pointed
 * at has changed since that commit, and how. An unknown or malformed value is ignored with a
 * note. Without JavaScript the history section (dates, commit ids) says the same.
 */
function atNotice(): void {
  const at = new URLSearchParams(location.search).get('at');
  const section = document.getElementById('history');
  if (at === null || !section) return;
  const notice = document.createElement('p');
  notice.className = 'at-notice';
  notice.setAttribute('role', 'status');
  const commits = (section.dataset.commits ?? '').split(' ').filter(Boolean);
  const head = section.dataset.head ?? '';
  const wanted = at.trim().toLowerCase();
  const matches = /^[0-9a-f]{4,40}$/.test(wanted) ? commits.filter((c) => c.startsWith(wanted) || wanted.startsWith(c)) : [];
  if (matches.length !== 1) {
    notice.textContent = /^[0-9a-f]{4,40}$/.test(wanted)
      ? `The link names commit “${at}”, which is ${matches.length > 1 ? 'ambiguous' : 'not'} in this tree's history; it is ignored: this page shows the tree at ${head}.`
      : `The link's at=“${at.slice(0, 60)}” is not a commit id; it is ignored: this page shows the tree at ${head}.`;
  } else {
    const since = commits.indexOf(matches[0]!);
    const later = [...section.querySelectorAll<HTMLLIElement>('ol.history-rows > li')].filter((li) => commits.indexOf(li.dataset.commit ?? '') > since);
    const verdictChanges = later.filter((li) => [...li.querySelectorAll<HTMLLIElement>('li[data-what]')].some((c) => c.dataset.what !== 'moved'));
    if (verdictChanges.length === 0) {
      notice.textContent = `Unchanged since ${matches[0]} (the link's commit): ${later.length === 0 ? 'no commit has touched this report since' : 'later commits only moved files'}; this page shows the tree at ${head}.`;
    } else {
      notice.textContent = `Changed since ${matches[0]} (the link's commit): `;
      verdictChanges.forEach((li, i) => {
        const a = document.createElement('a');
        a.href = `#${li.id}`;
        a.textContent = `${li.dataset.commit}`;
        const what = [...li.querySelectorAll('li[data-what]')].map((c) => c.textContent?.replace(/\s+/g, ' ').trim()).join('; ');
        notice.append(i === 0 ? '' : ' · ', a, `: ${what}`);
      });
      notice.append(`. This page shows the tree at ${head}.`);
    }
  }
  document.getElementById('main')?.prepend(notice);
}
atNotice();
