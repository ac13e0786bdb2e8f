package id.aglis.hub.platform;

import java.time.LocalDate;
import java.util.List;

/**
 * The Redis key layout, in one place: every key the hub writes (sessions aside, which vertx-web-sstore-redis
 * names itself) is built here. Lua scripts never spell a prefix: they get it as {@code KEYS[1]}.
 *
 * <pre>
 * aglis:wa:q:&lt;priority&gt;                 sorted set  shared queue of one priority (score: sequence)
 * aglis:wa:q:&lt;priority&gt;:&lt;device&gt;        sorted set  messages pinned to one device
 * aglis:wa:meta                        hash        message id → "priority|seq|device"
 * aglis:wa:delayed                     sorted set  scheduled and backed-off messages (score: due ms)
 * aglis:wa:leases, aglis:wa:lease:owner  zset/hash  claims: expiry ms, and the claim token that holds each
 * aglis:wa:dev:&lt;device&gt;:{paused,sent,next}    pause reason; send window; earliest next send
 * aglis:wa:global:sent                 sorted set  sends of the last minute, all devices
 * aglis:wa:intact                      string      set while the queue mirrors PostgreSQL (gone after a flush)
 * aglis:wa:journal                     hash        provider answers PostgreSQL could not take yet
 * aglis:wa:unknown                     sorted set  sends with no outcome, waiting for a callback
 * aglis:wa:dedupe:&lt;to&gt;:&lt;sha256&gt;          string      the first of identical texts within the window
 * aglis:wa:recipient-hours:&lt;to&gt;        sorted set  a recipient's messages per clock hour
 * aglis:live:&lt;stream&gt;:frames           stream      a live stream's recent frames (entry id "&lt;seq&gt;-0")
 * aglis:live:&lt;stream&gt;:meta             hash        its epoch and last sequence number
 * aglis:live:&lt;stream&gt;:totals:&lt;date&gt;    hash        its running counts for one business day (WIB)
 * aglis:live:nodes                     hash        node id → its latest heartbeat (JSON)
 * aglis:login:fail:{pair,ip}:…, aglis:login:fail:&lt;who&gt;, aglis:login:pace:&lt;who&gt;   sign-in throttle
 * aglis:kb:public:&lt;ip&gt;                string      help reads without sign-in from one address this minute
 * aglis:otp:&lt;purpose&gt;:&lt;who&gt;           hash        a one-time code's digest, tries and payload (e.g. the new number)
 * aglis:otp:&lt;purpose&gt;:&lt;who&gt;:{gate,hour,day}, aglis:otp:ip:&lt;ip&gt;   one-time code request throttle
 * aglis:speedtest:&lt;customer&gt;          hash        a customer's speed-test budgets this hour (runs, uploadBytes, pings, results)
 * </pre>
 */
public final class RedisKeys {

  private static final String ROOT = "aglis:";
  /** Everything of WhatsApp dispatch; its scripts get it as {@code KEYS[1]}. */
  public static final String WA = ROOT + "wa:";
  private static final String LOGIN = ROOT + "login:";
  private static final String LIVE = ROOT + "live:";
  private static final String KB = ROOT + "kb:";
  private static final String SPEEDTEST = ROOT + "speedtest:";

  private RedisKeys() {
  }

  /** {@code KEYS} for a dispatch script: just the prefix it derives its keys from. */
  public static List<String> waScriptKeys() {
    return List.of(WA);
  }

  public static String waMeta() {
    return WA + "meta";
  }

  public static String waLeases() {
    return WA + "leases";
  }

  public static String waLeaseOwners() {
    return WA + "lease:owner";
  }

  public static String waQueue(int priority) {
    return WA + "q:" + priority;
  }

  public static String waDeviceQueue(int priority, String device) {
    return WA + "q:" + priority + ":" + device;
  }

  public static String waDevicePaused(String device) {
    return WA + "dev:" + device + ":paused";
  }

  public static String waIntact() {
    return WA + "intact";
  }

  public static String waJournal() {
    return WA + "journal";
  }

  public static String waUnknown() {
    return WA + "unknown";
  }

  public static String waDedupe(String recipient, String textSha256) {
    return WA + "dedupe:" + recipient + ":" + textSha256;
  }

  public static String waRecipientHours(String recipient) {
    return WA + "recipient-hours:" + recipient;
  }

  /** A live stream's keys, in the order its script takes them: frames, meta, the day's totals. */
  public static List<String> liveStream(String stream, LocalDate businessDay) {
    return List.of(LIVE + stream + ":frames", LIVE + stream + ":meta", LIVE + stream + ":totals:" + businessDay);
  }

  public static String liveNodes() {
    return LIVE + "nodes";
  }

  /** Hash: node id → when its metrics were last sampled (ms); the alert evaluator asks these nodes each round. */
  public static String alertNodes() {
    return ROOT + "alert:nodes";
  }

  /** The counter of help reads without sign-in from {@code ip} in the current minute. */
  public static String kbPublicReads(String ip) {
    return KB + "public:" + ip;
  }

  /** The hash of one customer's speed-test budgets in the current window. */
  public static String speedTestBudget(long customerId) {
    return SPEEDTEST + customerId;
  }

  /** The sign-in throttle's keys, in the order its scripts take them: pair, address, account, account pace. */
  public static List<String> loginThrottle(String who, String ip) {
    return List.of(LOGIN + "fail:pair:" + who + ":" + ip, LOGIN + "fail:ip:" + ip, LOGIN + "fail:" + who, LOGIN + "pace:" + who);
  }

  /**
   * A one-time code's keys, in the order its scripts take them: the code, resend gate, hourly count, address count,
   * daily count.
   */
  public static List<String> oneTimeCode(String purpose, String who, String ip) {
    String base = oneTimeCode(purpose, who);
    return List.of(base, base + ":gate", base + ":hour", ROOT + "otp:ip:" + ip, base + ":day");
  }

  /** The hash of a subject's one-time code (digest, tries, payload), the first of {@link #oneTimeCode(String, String, String)}. */
  public static String oneTimeCode(String purpose, String who) {
    return ROOT + "otp:" + purpose + ":" + who;
  }
}
