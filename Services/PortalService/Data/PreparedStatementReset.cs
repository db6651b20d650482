using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace WhatsAppGenesys.PortalService.Data;

/// <summary>
/// Npgsql (10.0.3 here) can leave an auto-prepared statement that failed inside a transaction out of step with the
/// server once the transaction is rolled back (npgsql/npgsql#6391, open): a later statement on that connection then
/// fails with "Received unexpected backend message DataRow". The history's insert fails that way on purpose (a
/// redelivered event meets the unique index), and in a test run the next insert on the same pooled connection, a
/// campaign's history row, was lost to it. So after such an expected failure the transaction is rolled back here and
/// the connection forgets every statement it prepared (<c>DEALLOCATE ALL</c>); its next statements are prepared again.
/// </summary>
internal static class PreparedStatementReset
{
    public static async Task RollBackAndUnprepareAsync(this IDbContextTransaction transaction, DbContext db, CancellationToken ct)
    {
        await transaction.RollbackAsync(ct);
        if (db.Database.GetDbConnection() is NpgsqlConnection { State: System.Data.ConnectionState.Open } connection)
        {
            connection.UnprepareAll();
        }
    }
}
