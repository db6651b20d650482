using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WhatsAppGenesys.RcsApi.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database or the service's configuration.</summary>
internal sealed class DesignTimeRcsDbContextFactory : IDesignTimeDbContextFactory<RcsDbContext>
{
    public RcsDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<RcsDbContext>()
        .UseNpgsql("Host=localhost;Database=rcsdb")
        .UseSnakeCaseNamingConvention()
        .Options);
}
