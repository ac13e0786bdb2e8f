import { initI18n } from '../i18n.js';
import { wireLoginForm } from '../auth.js';

await initI18n();
wireLoginForm(document.getElementById('login-form'), {
  kind: 'staff',
  endpoint: '/api/v1/auth/staff/login',
  home: '/staff/index.html',
  area: '/staff/',
  invalidKey: 'login.staff.error.invalid',
  toBody: (form) => ({ username: String(form.get('username')).trim(), password: String(form.get('password')) }),
});
