package id.aglis.hub.web;

import io.vertx.pgclient.PgException;
import java.util.Map;
import java.util.function.Function;

/** Turns unique-constraint violations into 409s that name the clashing field (in the message and as {@code field}). */
public final class PgErrors {

  private static final String UNIQUE_VIOLATION = "23505";

  private PgErrors() {
  }

  public static boolean isUnique(Throwable failure, String constraint) {
    return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState()) && constraint.equals(pg.getConstraint());
  }

  /** {@code constraintToField} maps a constraint name to the JSON field it guards. */
  public static <T> Function<Throwable, io.vertx.core.Future<T>> uniqueAs(Map<String, String> constraintToField) {
    return failure -> {
      if (failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
        return io.vertx.core.Future.failedFuture(ApiError.duplicate(constraintToField.getOrDefault(pg.getConstraint(), "id")));
      }
      return io.vertx.core.Future.failedFuture(failure);
    };
  }
}
