using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace WhatsAppGenesys.Database;

/// <summary>
/// Keeps Npgsql's auto-prepared statements in step with the server after a statement fails.
/// <para>
/// Npgsql prepares a statement on a connection once it has run often enough, sending the preparation together with
/// that execution. When that very execution fails while PostgreSQL binds it (a value too long for its column, a text
/// that does not convert: errors raised while the parameters are planned in), Npgsql 10.0.3 keeps wrong books about the
/// statement, and a later statement on the same physical connection fails with "Received unexpected backend message
/// DataRow", in a transaction or not (npgsql/npgsql#6391, open; reproduced in <c>AutoPrepareGuardTests</c>). The
/// connection goes back to the pool like that, so the failure lands on whoever takes it next.
/// </para>
/// <para>
/// So a connection on which something failed forgets every statement it prepared (<c>DEALLOCATE ALL</c>, Npgsql's
/// <see cref="NpgsqlConnection.UnprepareAll"/>) before anything else runs on it and before it returns to the pool; its
/// statements are prepared again as they are used. "Failed" is: an EF Core command that threw, a rollback (of a
/// transaction, or to a savepoint after a failed save), or a transaction that ended without a commit (a batch sent on the connection directly, inside a transaction
/// EF Core began, failed and the transaction was disposed). It costs one round trip, only after a failure.
/// </para>
/// </summary>
public sealed class AutoPrepareGuard : IDbCommandInterceptor, IDbTransactionInterceptor, IDbConnectionInterceptor
{
    public static readonly AutoPrepareGuard Instance = new();

    // What the guard knows of each connection object. A pooled DbContext keeps its connection object between uses;
    // the physical connection behind it is only reused by another object after a close, which the guard sees first.
    private readonly ConditionalWeakTable<DbConnection, ConnectionState> _connections = [];

    private sealed class ConnectionState
    {
        public bool Failed;
        public DbTransaction? OpenTransaction;
    }

    private AutoPrepareGuard()
    {
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => MarkFailed(eventData.Connection);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        MarkFailed(eventData.Connection);
        return Task.CompletedTask;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        ResetIfFailed(command.Connection, command.Transaction);
        return result;
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        ResetIfFailed(command.Connection, command.Transaction);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        ResetIfFailed(command.Connection, command.Transaction);
        return result;
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ResetIfFailed(command.Connection, command.Transaction);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        ResetIfFailed(command.Connection, command.Transaction);
        return result;
    }

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        ResetIfFailed(command.Connection, command.Transaction);
        return ValueTask.FromResult(result);
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Started(connection, result);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData,
        DbTransaction result, CancellationToken cancellationToken = default)
    {
        Started(connection, result);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => RolledBack(eventData, ended: true);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RolledBack(eventData, ended: true);
        return Task.CompletedTask;
    }

    // EF Core saves inside a transaction under a savepoint and rolls back to it when the save fails; the transaction
    // goes on, so the reset can run in it at once.
    public void RolledBackToSavepoint(DbTransaction transaction, TransactionEventData eventData) => RolledBack(eventData, ended: false);

    public Task RolledBackToSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default)
    {
        RolledBack(eventData, ended: false);
        return Task.CompletedTask;
    }

    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        ResetBeforeClose(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        ResetBeforeClose(connection);
        return ValueTask.FromResult(result);
    }

    private void MarkFailed(DbConnection connection) => _connections.GetOrCreateValue(connection).Failed = true;

    private void Started(DbConnection connection, DbTransaction transaction)
    {
        var state = _connections.GetOrCreateValue(connection);
        if (state.OpenTransaction is not null)
        {
            // The one before ended without a commit or a rollback through EF Core, on a connection kept open.
            // PostgreSQL takes the reset inside the transaction just begun.
            Reset(connection, state);
        }
        state.OpenTransaction = transaction;
    }

    private static DbConnection? ConnectionOf(TransactionEventData eventData) => eventData.Context?.Database.GetDbConnection();

    private void Ended(TransactionEventData eventData)
    {
        if (ConnectionOf(eventData) is { } connection && _connections.TryGetValue(connection, out var state))
        {
            state.OpenTransaction = null;
        }
    }

    private void RolledBack(TransactionEventData eventData, bool ended)
    {
        if (ConnectionOf(eventData) is not { } connection)
        {
            return;
        }
        var state = _connections.GetOrCreateValue(connection);
        if (ended)
        {
            state.OpenTransaction = null;
        }
        Reset(connection, state);
    }

    // Before a command: a failure earlier on this connection is mended first, unless the command still runs in the
    // transaction that failed (PostgreSQL refuses everything but a rollback there, so the reset waits for it).
    private void ResetIfFailed(DbConnection? connection, DbTransaction? transaction)
    {
        if (connection is null || !_connections.TryGetValue(connection, out var state))
        {
            return;
        }
        if (state.OpenTransaction is { } open && !ReferenceEquals(open, transaction))
        {
            // The transaction EF Core began ended without a commit or a rollback through EF Core: disposed after a
            // failure on the connection directly.
            state.OpenTransaction = null;
            state.Failed = true;
        }
        if (state.Failed && state.OpenTransaction is null)
        {
            Reset(connection, state);
        }
    }

    private void ResetBeforeClose(DbConnection connection)
    {
        if (!_connections.TryGetValue(connection, out var state))
        {
            return;
        }
        if (state.OpenTransaction is not null)
        {
            state.OpenTransaction = null;
            state.Failed = true;
        }
        if (state.Failed)
        {
            try
            {
                Reset(connection, state);
            }
            catch (NpgsqlException)
            {
                // The connection is broken if even this fails; Npgsql does not return a broken connection to the pool.
                // A close must not throw over whatever the caller is already handling.
            }
        }
    }

    // Npgsql offers this only synchronously; it runs only after a failure, one short round trip.
    private static void Reset(DbConnection connection, ConnectionState state)
    {
        if (connection is NpgsqlConnection { State: System.Data.ConnectionState.Open } npgsql)
        {
            npgsql.UnprepareAll();
        }
        state.Failed = false;
    }
}
