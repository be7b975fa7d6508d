package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"ethicsdesk/app"
	"ethicsdesk/cases"
)

func init() {
	subcommands["users"] = subcommand{"list, add, deactivate or reactivate accounts (administrator)", cmdUsers}
}

const usersUsage = `Usage:
  ethicsdesk users --db PATH --user ADMIN list
  ethicsdesk users --db PATH --user ADMIN add USERNAME ROLE "Full name"   (new password from $ETHICSDESK_NEW_PASSWORD or asked)
  ethicsdesk users --db PATH --user ADMIN deactivate|reactivate USERNAME
  ethicsdesk users --db PATH --user ADMIN role USERNAME ROLE
  ethicsdesk users --db PATH --user ADMIN password USERNAME              (new password as for add)
  ethicsdesk users --db PATH --user ADMIN enrol USERNAME --address https://HOST:PORT --out FILE.edesk [--force]
Every action but enrol works on the committee server too: --server URL [--trust ROOT.pem|FINGERPRINT] instead of --db.
Roles: secretariat, member, chair, administrator.`

func cmdUsers(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("users", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", "", "register file")
	userName := addUserFlag(fs)
	srv := addServerFlags(fs)
	fs.Usage = func() { fmt.Fprintln(stderr, usersUsage) }
	if err := fs.Parse(args); err != nil {
		return 2
	}
	rest := fs.Args()
	if (*dbPath == "") == !srv.given() || len(rest) == 0 {
		fmt.Fprintln(stderr, usersUsage)
		return 2
	}
	var enrol *enrolFlags
	if rest[0] == "enrol" {
		var code int
		if enrol, code = parseEnrol(rest[1:], srv.given(), stderr); enrol == nil {
			return code
		}
	}
	sess, code := openSession("users", *dbPath, srv, *userName, stderr)
	if sess == nil {
		return code
	}
	defer sess.close()
	ctx, svc, actor := context.Background(), sess.svc, sess.actor
	if enrol != nil {
		if err := enrol.write(ctx, svc, actor, stdout); err != nil {
			fmt.Fprintln(stderr, "users enrol:", err)
			return 1
		}
		return 0
	}
	if err := runUsers(ctx, svc, actor, rest, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "users:", err)
		return 1
	}
	return 0
}

func runUsers(ctx context.Context, svc cases.API, actor cases.User, rest []string, stdout, stderr io.Writer) error {
	find := func(name string) (cases.User, error) {
		users, err := svc.Users(ctx, actor)
		if err != nil {
			return cases.User{}, err
		}
		for _, u := range users {
			if u.Username == name {
				return u, nil
			}
		}
		return cases.User{}, fmt.Errorf("there is no account %q", name)
	}
	newPassword := func() (string, error) {
		if pw, ok := os.LookupEnv("ETHICSDESK_NEW_PASSWORD"); ok {
			return pw, nil
		}
		return app.AskPassword("New password: ", stderr)
	}
	need := func(n int) error {
		if len(rest) != n {
			return fmt.Errorf("wrong number of arguments\n%s", usersUsage)
		}
		return nil
	}
	switch rest[0] {
	case "list":
		if !actor.Can(cases.ActManageUsers) {
			return &cases.ForbiddenError{Action: string(cases.ActManageUsers)}
		}
		users, err := svc.Users(ctx, actor)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "USER NAME\tNAME\tROLE\tACTIVE")
		for _, u := range users {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%v\n", u.Username, u.DisplayName, u.Role, u.Active)
		}
		return tw.Flush()
	case "add":
		if err := need(4); err != nil {
			return err
		}
		pw, err := newPassword()
		if err != nil {
			return err
		}
		u, err := svc.CreateUser(ctx, actor, cases.NewAccount{Username: rest[1], Role: cases.Role(rest[2]), DisplayName: rest[3], Password: pw})
		if err == nil {
			fmt.Fprintf(stdout, "Created %s (%s).\n", u.Username, u.Role)
		}
		return err
	case "deactivate", "reactivate", "password":
		if err := need(2); err != nil {
			return err
		}
		u, err := find(rest[1])
		if err != nil {
			return err
		}
		switch rest[0] {
		case "deactivate":
			return svc.Deactivate(ctx, actor, u.ID)
		case "reactivate":
			return svc.Reactivate(ctx, actor, u.ID)
		}
		pw, err := newPassword()
		if err != nil {
			return err
		}
		return svc.ResetPassword(ctx, actor, u.ID, pw)
	case "role":
		if err := need(3); err != nil {
			return err
		}
		u, err := find(rest[1])
		if err != nil {
			return err
		}
		return svc.SetRole(ctx, actor, u.ID, cases.Role(rest[2]))
	}
	return fmt.Errorf("unknown action %q\n%s", rest[0], usersUsage)
}
