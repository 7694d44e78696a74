using Cooperation.Agreements;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAgreements();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAgreements();
app.Run();
