import { startShell } from '../shell.js';
import { setText } from '../i18n.js';

// Indonesian greets by four parts of the day; English maps them in en.json.
function partOfDay(hour) {
  if (hour >= 4 && hour < 11) return 'morning';
  if (hour >= 11 && hour < 15) return 'midday';
  if (hour >= 15 && hour < 18) return 'afternoon';
  return 'evening';
}

const me = await startShell({ kind: 'customer', loginUrl: '/portal/login.html' });
if (me) {
  const name = me.name || me.customerNo || '';
  setText(document.getElementById('greeting'), `portal.greeting.${partOfDay(new Date().getHours())}`, { name });
}
