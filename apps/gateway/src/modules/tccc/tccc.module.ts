import { Global, Module } from '@nestjs/common';
import { TcccService } from './tccc.service';

@Global()
@Module({ providers: [TcccService], exports: [TcccService] })
export class TcccModule {}
