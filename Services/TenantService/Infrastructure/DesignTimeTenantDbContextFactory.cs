using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WhatsAppGenesys.TenantService.Infrastructure;

// `dotnet ef migrations add` builds the model without starting the host (which would demand a real connection
// string and Redis); generating migrations never connects.
internal sealed class DesignTimeTenantDbContextFactory : IDesignTimeDbContextFactory<TenantDbContext>
{
    public TenantDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TenantDbContext>().UseNpgsql("Host=localhost;Database=tenantdb").Options);
}
