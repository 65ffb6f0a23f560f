import type { ReactNode } from 'react';
import { api } from '../api.js';
import { useLoad } from '../lib/use-load.js';
import type { User } from '../types.js';

/** Admins only (the navigation hides it from others and the server refuses them). */
export function Users(): ReactNode {
  const users = useLoad(() => api.get<{ items: User[] }>('/api/users'), 'users');
  if (users.error) return <p className="error">{users.error}</p>;
  return (
    <section>
      <h1>Users</h1>
      <p className="hint">
        Add users with <code>chokepoint user add</code> or <code>POST /api/users</code>.
      </p>
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Role</th>
            <th>Teams</th>
            <th>Active</th>
          </tr>
        </thead>
        <tbody>
          {(users.data?.items ?? []).map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.role}</td>
              <td>{u.teams.join(', ') || '—'}</td>
              <td>{u.active === false ? 'no' : 'yes'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
