import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '../errors/domain.error';

@Injectable()
export class AdminJwtGuard extends AuthGuard('admin-jwt') {
  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error) throw error;
    if (!user) throw new DomainError('unauthenticated', 'sign in to use the admin API');
    return user;
  }
}
