// Owns the seat_mappings table: its repository, and the SeatDirectory other modules read seat
// mappings through. A module of its own so that apps and tenants, which SeatsModule depends on,
// can use it too. SeatsRepository is exported for SeatsModule only (lint keeps other modules from
// importing it).
import { Module } from '@nestjs/common';
import { SeatDirectory } from './seat-directory';
import { SeatsRepository } from './seats.repository';

@Module({
  providers: [SeatsRepository, SeatDirectory],
  exports: [SeatDirectory, SeatsRepository],
})
export class SeatDirectoryModule {}
