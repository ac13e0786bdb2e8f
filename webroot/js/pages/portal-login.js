import { initI18n } from '../i18n.js';
import { wireLoginForm } from '../auth.js';

await initI18n();
wireLoginForm(document.getElementById('login-form'), {
  kind: 'customer',
  endpoint: '/api/v1/auth/customer/login',
  home: '/portal/index.html',
  area: '/portal/',
  invalidKey: 'login.customer.error.invalid',
  // Customers paste numbers from chats with stray spaces; the server normalises the rest.
  toBody: (form) => ({ login: String(form.get('login')).trim(), password: String(form.get('password')) }),
});
