using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WhatsAppGenesys.PortalService.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database or the service's configuration.</summary>
internal sealed class DesignTimePortalDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<PortalDbContext>()
        .UseNpgsql("Host=localhost;Database=portaldb")
        .UseSnakeCaseNamingConvention()
        .Options);
}
