using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WhatsAppGenesys.AlertService.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database or the service's configuration.</summary>
internal sealed class DesignTimeAlertDbContextFactory : IDesignTimeDbContextFactory<AlertDbContext>
{
    public AlertDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<AlertDbContext>()
        .UseNpgsql("Host=localhost;Database=alertdb")
        .UseSnakeCaseNamingConvention()
        .Options);
}
