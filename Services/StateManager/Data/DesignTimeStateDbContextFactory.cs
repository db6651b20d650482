using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WhatsAppGenesys.StateManager.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database or the service's configuration.</summary>
internal sealed class DesignTimeStateDbContextFactory : IDesignTimeDbContextFactory<StateDbContext>
{
    public StateDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<StateDbContext>()
        .UseNpgsql("Host=localhost;Database=statedb")
        .UseSnakeCaseNamingConvention()
        .Options);
}
