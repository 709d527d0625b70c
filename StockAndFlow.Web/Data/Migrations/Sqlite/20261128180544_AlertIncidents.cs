using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StockAndFlow.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AlertIncidents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StockAndFlow_AlertIncidents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Alert = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FiredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Value = table.Column<double>(type: "REAL", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StockAndFlow_AlertIncidents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StockAndFlow_AlertIncidents_Alert_FiredAt",
                table: "StockAndFlow_AlertIncidents",
                columns: new[] { "Alert", "FiredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StockAndFlow_AlertIncidents");
        }
    }
}
