using Cooperation.Trade;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTrade();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapTrade();
app.Run();
