namespace WhatsAppGenesys.Clients;
