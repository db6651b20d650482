using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WhatsAppGenesys.AdminDashboard.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database or the app's configuration.</summary>
internal sealed class DesignTimeAdminDbContextFactory : IDesignTimeDbContextFactory<AdminDbContext>
{
    public AdminDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<AdminDbContext>()
        .UseNpgsql("Host=localhost;Database=admindb")
        .UseSnakeCaseNamingConvention()
        .Options);
}
