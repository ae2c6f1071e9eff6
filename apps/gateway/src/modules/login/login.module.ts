import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { KeysModule } from '../keys/keys.module';
import { LoginCorsMiddleware } from './login-cors.middleware';
import { LoginController } from './login.controller';
import { LoginRepository } from './login.repository';
import { LoginService } from './login.service';

@Module({
  imports: [KeysModule],
  controllers: [LoginController],
  providers: [LoginRepository, LoginService, LoginCorsMiddleware],
})
export class LoginModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(LoginCorsMiddleware).forRoutes('api/v1/*path', 'loginTCCC');
  }
}
