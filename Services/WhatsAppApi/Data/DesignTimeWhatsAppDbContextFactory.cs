using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WhatsAppGenesys.WhatsAppApi.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a database or the service's configuration.</summary>
internal sealed class DesignTimeWhatsAppDbContextFactory : IDesignTimeDbContextFactory<WhatsAppDbContext>
{
    public WhatsAppDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<WhatsAppDbContext>()
        .UseNpgsql("Host=localhost;Database=whatsappdb")
        .UseSnakeCaseNamingConvention()
        .Options);
}
