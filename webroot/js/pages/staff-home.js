import { startShell } from '../shell.js';
import { setText } from '../i18n.js';

// Dashboards added here should start from the principal this resolves with
// (null means the page is already showing an error).
const me = await startShell({ kind: 'staff', loginUrl: '/staff/login.html' });
if (me) setText(document.getElementById('welcome'), 'staff.home.welcome', { name: me.name || me.username });
