#!/usr/bin/env python3
"""What the customer portal transfers on a first load, measured in a real browser on an emulated slow 3G link.

usage: bench/portal-weight.py [BASE_URL] [CUSTOMER_NO] [PASSWORD] [--json]
       defaults: http://127.0.0.1:8080 AGL-000101 pelanggan123 (the demo data)

Drives Debian's chromium through chromedriver (W3C WebDriver over HTTP; nothing to install beyond
chromium and chromium-driver) with Chrome's performance log on, so every request's bytes come from the
browser itself: Network.loadingFinished's encodedDataLength is what came over the wire for that request,
headers included, after gzip as the hub serves it. Every request counts (HTML, CSS, modules, dictionaries,
icons, the manifest, API calls, SockJS's /eventbus/info); the event-bus WebSocket's frames do not (they are
not a page load's weight, and they keep flowing).

The link is DevTools' "Slow 3G" preset: 2,000 ms round trip, 50,000 bytes/s down and up.

Three loads, each in a fresh browser (empty cache):
  login      /portal/login.html, until the network has been quiet for 2 s
  dashboard  /portal/index.html (#/ Beranda) for a customer already signed in (the session cookie set through the
             API first, then the cache cleared): an installed app opened with a cold cache
  journey    the login page, then signing in through the form, then the dashboard: the dashboard's share is what
             the sign-in did not already fetch (the usual first visit)
For each: requests, bytes over the wire, and when the page was usable (login: the submit button enabled;
dashboard: the view rendered) from the moment the navigation started.
"""
import json
import socket
import subprocess
import sys
import time
import urllib.request

SLOW_3G = {'offline': False, 'latency': 2000, 'download_throughput': 50000, 'upload_throughput': 50000}
QUIET_SECONDS = 2.0


def free_port():
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Browser:
    def __init__(self):
        port = free_port()
        self.driver = subprocess.Popen(['chromedriver', f'--port={port}'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f'http://127.0.0.1:{port}'
        for _ in range(100):
            try:
                self.call('GET', '/status')
                break
            except Exception:
                time.sleep(0.1)
        caps = {'capabilities': {'alwaysMatch': {
            'browserName': 'chrome',
            'goog:loggingPrefs': {'performance': 'ALL'},
            'goog:chromeOptions': {
                'binary': '/usr/bin/chromium',
                'args': ['--headless=new', '--no-sandbox', '--disable-gpu', '--window-size=500,900', '--lang=id-ID'],
                'mobileEmulation': {'deviceMetrics': {'width': 390, 'height': 844, 'pixelRatio': 3.0}},
                'perfLoggingPrefs': {'enableNetwork': True, 'enablePage': False},
            }}}}
        self.session = '/session/' + self.call('POST', '/session', caps)['sessionId']

    def call(self, method, path, body=None, timeout=300):
        req = urllib.request.Request(self.url + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={'Content-Type': 'application/json'})
        return json.loads(urllib.request.urlopen(req, timeout=timeout).read())['value']

    def s(self, method, path, body=None):
        return self.call(method, self.session + path, body)

    def go(self, url):
        self.s('POST', '/url', {'url': url})

    def js(self, script, *args):
        return self.s('POST', '/execute/sync', {'script': script, 'args': list(args)})

    def cdp(self, cmd, params=None):
        return self.s('POST', '/goog/cdp/execute', {'cmd': cmd, 'params': params or {}})

    def throttle(self):
        self.s('POST', '/chromium/network_conditions', {'network_conditions': SLOW_3G})

    def log(self):
        return [json.loads(e['message'])['message'] for e in self.s('POST', '/se/log', {'type': 'performance'})]

    def close(self):
        try:
            self.s('DELETE', '')
        finally:
            self.driver.terminate()


class Traffic:
    """Requests seen in the performance log: url, type, bytes on the wire, gzip or not."""

    def __init__(self):
        self.requests = {}
        self.finished = {}

    def feed(self, events):
        for ev in events:
            method, params = ev.get('method'), ev.get('params', {})
            rid = params.get('requestId')
            if method == 'Network.requestWillBeSent':
                url = params['request']['url']
                if url.startswith('data:'):
                    continue
                self.requests[rid] = {'url': url, 'type': params.get('type', '?'), 'bytes': 0, 'encoding': '', 'status': None}
            elif method == 'Network.responseReceived' and rid in self.requests:
                headers = {k.lower(): v for k, v in params['response'].get('headers', {}).items()}
                self.requests[rid]['encoding'] = headers.get('content-encoding', '')
                self.requests[rid]['status'] = params['response'].get('status')
                self.requests[rid]['fromCache'] = params['response'].get('fromDiskCache') or params['response'].get('fromPrefetchCache')
            elif method == 'Network.loadingFinished' and rid in self.requests:
                self.requests[rid]['bytes'] = int(params.get('encodedDataLength', 0))
                self.finished[rid] = True

    def rows(self):
        return [r for rid, r in self.requests.items() if rid in self.finished]

    def total(self):
        return sum(r['bytes'] for r in self.rows())


def settle(browser, traffic, ready_js, started):
    """Reads the log until the page is ready and the network has been quiet for QUIET_SECONDS; returns ready time."""
    ready_at = None
    last_change = time.time()
    seen = -1
    deadline = time.time() + 240
    while time.time() < deadline:
        traffic.feed(browser.log())
        count = (len(traffic.requests), len(traffic.finished))
        if count != seen:
            seen = count
            last_change = time.time()
        if ready_at is None and browser.js(ready_js):
            ready_at = browser.js('return performance.now();')
        pending = len(traffic.requests) - len(traffic.finished)
        if ready_at is not None and time.time() - last_change > QUIET_SECONDS and pending <= 1:
            return ready_at
        time.sleep(0.25)
    return ready_at


LOGIN_READY = "var b = document.querySelector('#login-form [type=submit]'); return !!b && !b.disabled;"
DASH_READY = "return !!document.querySelector('[data-view] .view-home [data-view-title]') && !document.querySelector('[data-view] .skeleton');"


def measure_login(base):
    b = Browser()
    try:
        b.throttle()
        b.log()
        t = Traffic()
        b.go(base + '/portal/login.html')
        ready = settle(b, t, LOGIN_READY, time.time())
        return t, ready
    finally:
        b.close()


def measure_dashboard(base, login, password):
    b = Browser()
    try:
        # A session first (unthrottled, off the record), then an empty cache.
        b.go(base + '/favicon.svg')
        status = b.js("return fetch('/api/v1/auth/customer/login', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                      " body: JSON.stringify({login: arguments[0], password: arguments[1]})}).then(r => r.status);", login, password)
        if status != 200:
            raise SystemExit(f'sign-in failed: HTTP {status}')
        b.go('about:blank')
        b.cdp('Network.clearBrowserCache')
        b.throttle()
        b.log()
        t = Traffic()
        b.go(base + '/portal/index.html')
        ready = settle(b, t, DASH_READY, time.time())
        return t, ready
    finally:
        b.close()


def measure_journey(base, login, password):
    b = Browser()
    try:
        b.throttle()
        b.log()
        before = Traffic()
        b.go(base + '/portal/login.html')
        settle(b, before, LOGIN_READY, time.time())
        b.js("document.getElementById('login').value = arguments[0]; document.getElementById('password').value = arguments[1];"
             "document.querySelector('#login-form [type=submit]').click();", login, password)
        after = Traffic()
        deadline = time.time() + 120
        while time.time() < deadline and '/portal/index.html' not in b.s('GET', '/url'):
            after.feed(b.log())
            time.sleep(0.25)
        ready = settle(b, after, DASH_READY, time.time())
        return before, after, ready
    finally:
        b.close()


def short(url, base):
    return url[len(base):] if url.startswith(base) else url


def report(name, traffic, ready, base):
    rows = sorted(traffic.rows(), key=lambda r: -r['bytes'])
    print(f'\n{name}: {len(rows)} requests, {traffic.total():,} bytes over the wire'
          + (f', usable at {ready / 1000:.1f} s' if ready else ''))
    for r in rows:
        print(f"  {r['bytes']:>8,}  {r['status'] or '':>3}  {r['encoding'] or '-':<5} {r['type']:<10} {short(r['url'], base)}")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    base = (args[0] if args else 'http://127.0.0.1:8080').rstrip('/')
    login = args[1] if len(args) > 1 else 'AGL-000101'
    password = args[2] if len(args) > 2 else 'pelanggan123'
    print(f'{base}, emulated slow 3G: {SLOW_3G["latency"]} ms RTT, {SLOW_3G["download_throughput"]:,} B/s down')
    login_traffic, login_ready = measure_login(base)
    report('login page, empty cache', login_traffic, login_ready, base)
    dash_traffic, dash_ready = measure_dashboard(base, login, password)
    report('dashboard, signed in, empty cache', dash_traffic, dash_ready, base)
    before, after, journey_ready = measure_journey(base, login, password)
    report('journey: login page', before, None, base)
    report('journey: sign in and the dashboard (cache warm from the login page)', after, journey_ready, base)
    if '--json' in sys.argv:
        print(json.dumps({
            'login': {'requests': len(login_traffic.rows()), 'bytes': login_traffic.total(), 'readyMs': login_ready},
            'dashboard': {'requests': len(dash_traffic.rows()), 'bytes': dash_traffic.total(), 'readyMs': dash_ready},
            'journey': {'loginBytes': before.total(), 'afterBytes': after.total(), 'readyMs': journey_ready},
        }))


if __name__ == '__main__':
    main()
