using System.Data.Common;

namespace Platform.Storage;

/// <summary>
/// Runs a whole transaction again when the database gave up on it for a reason a retry cures: a deadlock or a
/// serialization failure (PostgreSQL 40P01 / 40001), which concurrent replicas writing overlapping rows can meet.
/// The attempt must be self-contained (its own connection and transaction, no state kept from a failed attempt).
/// </summary>
public static class TransactionRetry
{
    public const int MaxAttempts = 5;

    public static async Task<T> RunAsync<T>(SqlDialect dialect, Func<CancellationToken, Task<T>> attempt, Action<DbException, int>? retrying,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(attempt);
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt(cancellationToken);
            }
            catch (DbException e) when (number < MaxAttempts && dialect.IsRetryable(e))
            {
                retrying?.Invoke(e, number);
                // A short random pause, so that the two transactions that met do not meet again at once.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * number)), cancellationToken);
            }
        }
    }
}
