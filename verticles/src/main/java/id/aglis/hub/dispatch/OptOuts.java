package id.aglis.hub.dispatch;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * Recipients who replied STOP/BERHENTI: they get no promotional ({@code low}) messages until they reply
 * MULAI/START. Checked when such a message is accepted and again when it is about to be sent, since low
 * messages can wait out the quiet hours in the queue.
 */
public final class OptOuts {

  static final String IS_OPTED_OUT = "select 1 from wa_opt_outs where phone = $1";
  static final String OPT_OUT = "insert into wa_opt_outs (phone, via) values ($1, $2) on conflict (phone) do nothing";
  static final String OPT_IN = "delete from wa_opt_outs where phone = $1";
  public static final String REASON = "The recipient opted out of promotional messages (STOP/BERHENTI).";

  private final Pool pool;

  public OptOuts(Pool pool) {
    this.pool = pool;
  }

  public Future<Boolean> isOptedOut(String phone) {
    return pool.preparedQuery(IS_OPTED_OUT).execute(Tuple.of(phone)).map(rows -> rows.size() > 0);
  }

  public Future<Void> set(String phone, boolean optedOut, String via) {
    return (optedOut ? pool.preparedQuery(OPT_OUT).execute(Tuple.of(phone, via)) : pool.preparedQuery(OPT_IN).execute(Tuple.of(phone)))
        .mapEmpty();
  }
}
