using System.Runtime.CompilerServices;

// The unit tests exercise the lane scheduler, back-off and hold bookkeeping directly.
[assembly: InternalsVisibleTo("WhatsAppGenesys.UnitTests")]
[assembly: InternalsVisibleTo("WhatsAppGenesys.IntegrationTests")]
