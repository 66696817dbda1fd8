import { signOut } from '@/server/auth/config';

/** Logs out: Auth.js clears the cookie and its signOut event revokes the session row on the server. */
export function SignOutButton({ label }: { label: string }) {
  return (
    <form
      action={async () => {
        'use server';
        await signOut({ redirectTo: '/' });
      }}
    >
      <button type="submit" className="text-gray-700 hover:text-primary-700">
        {label}
      </button>
    </form>
  );
}
