namespace WhatsAppGenesys.Messaging;
