// What sign-in (modules/auth) may know about admin accounts: whether any exists, the account for
// an email, and its last sign-in. The users module owns admin_users; auth asks here instead of
// using its repository.
import { Injectable } from '@nestjs/common';
import { UsersRepository, type AdminUserRecord } from './users.repository';

export type { AdminUserRecord } from './users.repository';

@Injectable()
export class AdminUserDirectory {
  constructor(private readonly users: UsersRepository) {}

  count(): Promise<number> {
    return this.users.count();
  }

  byEmail(email: string): Promise<AdminUserRecord | null> {
    return this.users.findByEmail(email);
  }

  byId(id: string): Promise<AdminUserRecord | null> {
    return this.users.findById(id);
  }

  /** The admin's own new password (ends its sessions); joins the caller's unit of work. */
  setOwnPassword(id: string, passwordHash: string): Promise<AdminUserRecord> {
    return this.users.setOwnPassword(id, passwordHash);
  }

  /** Joins the caller's unit of work, if there is one. */
  recordSignIn(id: string): Promise<void> {
    return this.users.recordSuccess(id);
  }
}
