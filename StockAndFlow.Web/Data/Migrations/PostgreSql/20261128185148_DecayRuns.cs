using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace StockAndFlow.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DecayRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StockAndFlow_DecayRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Rule = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FromStock = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ToStock = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Moved = table.Column<int>(type: "integer", nullable: false),
                    RanBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StockAndFlow_DecayRuns", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StockAndFlow_DecayRuns_StartedAt",
                table: "StockAndFlow_DecayRuns",
                column: "StartedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StockAndFlow_DecayRuns");
        }
    }
}
