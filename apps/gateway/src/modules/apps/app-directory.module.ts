// Owns the tccc_apps table: its repository, and the AppDirectory other modules read apps through.
// A module of its own so that tenants, which AppsModule depends on, can use it too.
// AppsRepository is exported for AppsModule only (lint keeps other modules from importing it).
import { Module } from '@nestjs/common';
import { AppDirectory } from './app-directory';
import { AppsRepository } from './apps.repository';

@Module({
  providers: [AppsRepository, AppDirectory],
  exports: [AppDirectory, AppsRepository],
})
export class AppDirectoryModule {}
