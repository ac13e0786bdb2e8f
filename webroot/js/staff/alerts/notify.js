// Browser notifications (and a short beep) for critical alerts that start firing, so a NOC shift hears about one
// while the console sits in a background tab. Opt-in: nothing is asked until the person turns it on in the alerts
// page's header (browsers only allow the permission prompt, and sound, after a click), and the choice is kept in
// localStorage for the next visit.
import { t } from '../../i18n.js';

const STORAGE_KEY = 'aglis.alerts.notify';
const BEEP_HZ = 880;
const BEEP_SECONDS = 0.18;

let audio = null;

export function notificationsSupported() {
  return 'Notification' in window;
}

/** 'on' only when the person chose it and the browser still allows it. */
export function notificationsOn() {
  return notificationsSupported() && readChoice() === 'on' && Notification.permission === 'granted';
}

/** The browser's answer so far: 'default' (never asked), 'granted' or 'denied'; 'unsupported' without the API. */
export function permission() {
  return notificationsSupported() ? Notification.permission : 'unsupported';
}

/**
 * Turns notifications on or off; call it from a click. Turning on asks the browser's permission (once) and unlocks
 * sound for this page. Resolves with whether they are on now.
 */
export async function setNotifications(on) {
  if (!on) {
    writeChoice('off');
    return false;
  }
  if (!notificationsSupported()) return false;
  unlockSound();
  const answer = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
  writeChoice(answer === 'granted' ? 'on' : 'off');
  if (answer === 'granted') beep();
  return answer === 'granted';
}

/** A notification (and a beep) per critical alert that started firing; others stay quiet. */
export function announce(alerts) {
  if (!notificationsOn()) return;
  const critical = alerts.filter((a) => a.severity === 'critical');
  if (!critical.length) return;
  beep();
  for (const alert of critical) {
    // The tag collapses the same alert announced by several open tabs into one notification.
    const note = new Notification(t('console.alerts.notifyTitle', { rule: alert.ruleName ?? alert.ruleKey }), {
      body: `${alert.summary ?? ''}${alert.code ? ` · ${alert.code}` : ''}`,
      tag: `aglis-alert-${alert.id}`,
      icon: '/favicon.svg',
      requireInteraction: true,
    });
    note.addEventListener('click', () => {
      window.focus();
      location.hash = '#/alerts';
      note.close();
    });
  }
}

/**
 * Browsers start audio suspended until the page gets a gesture: the toggle's click resumes it, and after a reload
 * the first key or click on the page does (a beep before that stays silent; the notification still shows).
 */
export function unlockSoundOnFirstGesture() {
  if (readChoice() !== 'on') return;
  const unlock = () => {
    unlockSound();
    document.removeEventListener('pointerdown', unlock, true);
    document.removeEventListener('keydown', unlock, true);
  };
  document.addEventListener('pointerdown', unlock, true);
  document.addEventListener('keydown', unlock, true);
}

function unlockSound() {
  const Context = window.AudioContext ?? window.webkitAudioContext;
  if (!Context) return;
  audio ??= new Context();
  if (audio.state === 'suspended') audio.resume().catch(() => {});
}

function beep() {
  if (!audio || audio.state !== 'running') return;
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  const start = audio.currentTime;
  oscillator.type = 'sine';
  oscillator.frequency.value = BEEP_HZ;
  // A quick fade in and out: a click-free, short tone rather than a harsh square edge.
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + BEEP_SECONDS);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(start);
  oscillator.stop(start + BEEP_SECONDS + 0.02);
}

function readChoice() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage can be blocked: then it is simply off
  }
}

function writeChoice(value) {
  try {
    localStorage.setItem(STORAGE_KEY, value);
  } catch {
    // not remembered; still applies to this page view
  }
}
