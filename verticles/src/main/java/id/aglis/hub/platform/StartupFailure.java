package id.aglis.hub.platform;

/**
 * A start that cannot go on for a reason the operator can fix (a port in use, a data folder another hub
 * holds): the hub's Main prints its message as one line, with no stack trace.
 */
public final class StartupFailure extends RuntimeException {

  public StartupFailure(String message) {
    super(message, null, false, false);
  }
}
